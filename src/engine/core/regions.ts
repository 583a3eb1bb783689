/**
 * Real-world regions for multi-region scenarios. One-way latency between two regions is the
 * great-circle distance at the speed of light in fiber (about 200 km per ms), times a route factor for
 * cables that do not follow great circles. No pair is ever faster than light in fiber allows.
 */
export interface Region {
  id: string;
  label: string;
  latitude: number;
  longitude: number;
}

export const regions: readonly Region[] = [
  { id: 'us-east', label: 'New York', latitude: 40.71, longitude: -74.01 },
  { id: 'us-west', label: 'San Francisco', latitude: 37.77, longitude: -122.42 },
  { id: 'sa-east', label: 'São Paulo', latitude: -23.55, longitude: -46.63 },
  { id: 'eu-west', label: 'London', latitude: 51.51, longitude: -0.13 },
  { id: 'eu-central', label: 'Frankfurt', latitude: 50.11, longitude: 8.68 },
  { id: 'ap-south', label: 'Mumbai', latitude: 19.08, longitude: 72.88 },
  { id: 'ap-southeast', label: 'Singapore', latitude: 1.35, longitude: 103.82 },
  { id: 'ap-northeast', label: 'Tokyo', latitude: 35.68, longitude: 139.69 },
  { id: 'au-southeast', label: 'Sydney', latitude: -33.87, longitude: 151.21 },
];

const fiberKmPerMs = 200;
const routeFactor = 1.3;
const earthRadiusKm = 6371;

export function findRegion(id: string): Region | undefined {
  return regions.find((region) => region.id === id);
}

export function greatCircleKm(a: Region, b: Region): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = toRadians(b.latitude - a.latitude);
  const dLon = toRadians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.sqrt(h));
}

/** The physical lower bound on one-way latency: light in fiber along the great circle. */
export function fiberFloorOneWayMs(a: Region, b: Region): number {
  return greatCircleKm(a, b) / fiberKmPerMs;
}

/** A realistic one-way latency in whole ms: the fiber floor times the route factor, at least 1 ms. */
export function regionOneWayMs(fromId: string, toId: string): number {
  if (fromId === toId) return 1;
  const from = findRegion(fromId);
  const to = findRegion(toId);
  if (!from || !to)
    throw new Error(
      `Unknown region "${from ? toId : fromId}". Known regions: ${regions.map((r) => r.id).join(', ')}`,
    );
  return Math.max(1, Math.ceil(fiberFloorOneWayMs(from, to) * routeFactor));
}

/**
 * `npm run build:lms`: builds the course once for an LMS (relative paths, pages after a #, the LMS bridge
 * included) and packages that one build three ways, in dist/lms/:
 *   ddb-course-scorm12.zip    SCORM 1.2 (imsmanifest.xml + its XSDs)
 *   ddb-course-scorm2004.zip  SCORM 2004 4th Edition
 *   ddb-course-cmi5.zip       cmi5 (cmi5.xml)
 * Every descriptor is validated against the published XSDs first. COURSE_LMS_ID sets the course's identifier
 * (an IRI, e.g. https://courses.example.edu/ddb); the default is a URN.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { build } from 'vite';
import { courseTitle } from '../src/app/courseInfo.ts';
import {
  cmi5CourseStructure,
  scorm12Manifest,
  scorm2004Manifest,
  type PackageInfo,
} from './lms/manifests.ts';
import { schemaFiles, schemaProblems, type DescriptorKind } from './lms/schemaCheck.ts';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist/lms');
const siteDir = path.join(outDir, 'site');

const packages: {
  kind: DescriptorKind;
  file: string;
  descriptor: string;
  make: (info: PackageInfo) => string;
}[] = [
  { kind: 'scorm12', file: 'ddb-course-scorm12.zip', descriptor: 'imsmanifest.xml', make: scorm12Manifest },
  {
    kind: 'scorm2004',
    file: 'ddb-course-scorm2004.zip',
    descriptor: 'imsmanifest.xml',
    make: scorm2004Manifest,
  },
  { kind: 'cmi5', file: 'ddb-course-cmi5.zip', descriptor: 'cmi5.xml', make: cmi5CourseStructure },
];

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      const relative = prefix ? `${prefix}/${name}` : name;
      return statSync(full).isDirectory() ? filesUnder(full, relative) : [relative];
    });
}

async function main(): Promise<number> {
  rmSync(outDir, { recursive: true, force: true });
  process.env.COURSE_LMS_BUILD = '1';
  await build({
    root,
    mode: 'lms',
    base: './',
    logLevel: 'warn',
    build: { outDir: siteDir, emptyOutDir: true },
  });
  const files = filesUnder(siteDir);
  // The LMS build (mode lms) leaves out the test pages, as the production build does (vite.config.ts).
  const testPages = files.filter((file) => file === 'bench-ui.html' || file === 'engine-harness.html');
  if (testPages.length > 0) {
    console.error(`build:lms: test pages would ship in the packages: ${testPages.join(', ')}`);
    return 1;
  }
  const info: PackageInfo = {
    courseId: process.env.COURSE_LMS_ID || 'urn:ddb-course:distributed-databases-live',
    title: courseTitle,
    description:
      'An interactive course on distributed databases: replication, partitioning, consistency, failover and ' +
      'consensus, and distributed transactions, with live cluster simulations and a quiz at the end of each lesson.',
    files,
  };
  const site = Object.fromEntries(files.map((file) => [file, readFileSync(path.join(siteDir, file))]));
  for (const pack of packages) {
    const descriptor = pack.make(info);
    const problems = await schemaProblems(pack.kind, descriptor);
    if (problems.length > 0) {
      console.error(
        `build:lms: ${pack.descriptor} for ${pack.kind} breaks its schema:\n  ${problems.join('\n  ')}`,
      );
      return 1;
    }
    const schemas = pack.kind === 'cmi5' ? [] : schemaFiles(pack.kind);
    const zip = zipSync({
      ...site,
      [pack.descriptor]: new TextEncoder().encode(descriptor),
      ...Object.fromEntries(schemas.map(({ name, contents }) => [name, new TextEncoder().encode(contents)])),
    });
    writeFileSync(path.join(outDir, pack.file), zip);
    console.log(
      `dist/lms/${pack.file}  ${(zip.length / 1024).toFixed(0)} KiB  (${pack.descriptor} validated)`,
    );
  }
  return 0;
}

process.exitCode = await main();

/** Placeholder until the simulation engine lands: shows which scenario a lesson embeds. */
export interface SimulationProps {
  scenario: string;
  /** Scenario overrides, passed through as plain serializable values. */
  [override: string]: unknown;
}

export function Simulation({ scenario }: SimulationProps) {
  return (
    <figure className="simulation-placeholder" aria-label={`Simulation: ${scenario}`}>
      <p>Simulation: {scenario} (coming soon)</p>
    </figure>
  );
}

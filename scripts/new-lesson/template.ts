/**
 * The lesson `npm run new-lesson` writes: frontmatter that passes the schema, one section, a simulation of
 * a scenario that exists, and a quiz with one question of each kind. Every placeholder says what to write.
 * The quiz's claims are true of the sample simulation (broadcast register: reads are answered locally,
 * each write is sent to every other node), so the lesson is correct until the author replaces it.
 */
import { stringify } from 'yaml';
import type { LessonFrontmatter } from '../../src/course/frontmatter.ts';

export function lessonTemplate({
  id,
  title,
  order,
}: Pick<LessonFrontmatter, 'id' | 'title' | 'order'>): string {
  const frontmatter: Omit<LessonFrontmatter, 'passMark'> = {
    id,
    title,
    order,
    summary: 'Replace with one or two sentences for the lesson list.',
    minutes: 3, // what lessons:check computes for this template; it tells you the new number as you write
    objectives: ['Replace with what the student will be able to do, one line per objective'],
  };
  return `---
${stringify(frontmatter).trimEnd()}
---

{/* Sections are ## headings (### below them); they make up the lesson's table of contents. */}

## Replace with the first section

Explain one idea in plain words. Define each new word once with a key term:

<KeyTerm term="Replica">A copy of the data kept on another node.</KeyTerm>

<Callout kind="predict">
Before you run the simulation, make a guess: while n1 is cut off from n2 and n3, what does a read at n2 return
after a write at n1?
</Callout>

{/* Any scenario id from npm run sim -- --list; extra props override the scenario (docs/authoring.md). */}

<Simulation
  scenario="broadcast/basic"
  nodes={3}
  faults={[
    { at: 3000, partition: [["n1"], ["n2", "n3"]] },
    { at: 7000, heal: true },
  ]}
/>

{/* One quiz per lesson, at the end. Its questions are a pool: each attempt asks draw={…} of them, so the pool
    needs at least twice that many. Each question names the section (a heading id) that teaches it. A student
    passes with round(passMark × draw) right. */}

<Quiz draw={1}>
  <Question id="where-reads-are-answered" section="replace-with-the-first-section" prompt="In this simulation, which node answers a client's read?">
    <Choice correct why="Yes: the broadcast register answers every read from the local copy, so it can be stale.">
      The node the client asks, from its own copy
    </Choice>
    <Choice why="No: no node gathers answers from the others; each read is answered locally.">
      A majority of the nodes, after comparing their copies
    </Choice>
    <Choice why="No: there is no leader here; every node takes reads and writes.">The leader</Choice>
    <Explain>Answering locally keeps reads fast and available, at the price of sometimes returning an old value.</Explain>
  </Question>
  <Question id="during-the-partition" section="replace-with-the-first-section" kind="multi" prompt="Which of these are true while n1 is cut off from n2 and n3?">
    <Choice correct why="Yes: n1 applies a write to its own copy and acknowledges it at once.">
      n1 still accepts writes
    </Choice>
    <Choice correct why="Yes: n1's updates cannot cross the partition, so n2 and n3 keep their older copies.">
      A read at n2 can miss a write made at n1
    </Choice>
    <Choice why="No: nothing in this protocol waits for other nodes, so no write is refused.">
      Every write is refused until the partition heals
    </Choice>
    <Explain>Without coordination, each side keeps working on its own copy, and the copies drift apart.</Explain>
  </Question>
  <Question
    id="updates-per-write"
    section="replace-with-the-first-section"
    kind="numeric"
    answer={2}
    tolerance={0}
    unit="nodes"
    prompt="With 3 nodes, how many other nodes does the node that takes a write send the update to?"
  >
    <Explain>It broadcasts to every other node: 3 − 1 = 2.</Explain>
  </Question>
</Quiz>
`;
}

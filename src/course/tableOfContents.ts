/** One entry of a lesson's in-page table of contents, taken from its `##` and `###` headings. */
export interface TocEntry {
  id: string;
  title: string;
  depth: 2 | 3;
}

/** Ids the lesson page gives its own sections; lesson headings never receive them. */
export const pageSectionIds = {
  main: 'main',
  objectives: 'objectives',
  tableOfContents: 'on-this-page',
  quiz: 'quiz',
} as const;

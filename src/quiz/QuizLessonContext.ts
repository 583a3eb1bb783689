import { createContext } from 'react';
import type { TocEntry } from '../course/tableOfContents.ts';

/** The lesson a quiz belongs to, provided by the lesson page. */
export interface QuizLesson {
  id: string;
  passMark: number;
  /** The lesson after this one, linked from the result once the quiz is passed. */
  next?: { id: string; title: string };
  /** The lesson's sections, which its questions point a student back to. */
  sections: readonly TocEntry[];
}

export const QuizLessonContext = createContext<QuizLesson | null>(null);

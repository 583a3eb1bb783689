import { createContext } from 'react';

/** The lesson a quiz belongs to, provided by the lesson page. */
export interface QuizLesson {
  id: string;
  passMark: number;
  /** The lesson after this one, linked from the result once the quiz is passed. */
  next?: { id: string; title: string };
}

export const QuizLessonContext = createContext<QuizLesson | null>(null);

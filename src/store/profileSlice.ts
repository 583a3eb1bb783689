import type { StateCreator } from 'zustand';
import type { CourseState } from './createCourseStore.ts';

export interface ProfileSlice {
  /** The name printed on the certificate. */
  studentName: string;
  setStudentName(name: string): void;
}

export const createProfileSlice: StateCreator<
  CourseState,
  [['zustand/persist', unknown]],
  [],
  ProfileSlice
> = (set) => ({
  studentName: '',
  setStudentName: (studentName) => set({ studentName }),
});

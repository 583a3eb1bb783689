interface ImportMetaEnv {
  /** Set to "1" at build or dev time to unlock every lesson (instructor preview). */
  readonly VITE_INSTRUCTOR_PREVIEW?: string;
}

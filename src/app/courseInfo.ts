/** The course's name, shown in the header, the home page and the certificate. */
export const courseTitle = 'Distributed Databases, Live';

export { Challenge } from './Challenge';

/** The interactive exercises lessons can use, registered together in src/mdx/components.tsx. */
import { ShardKeyChooser } from './ShardKeyChooser';
import { WhichDatabase } from './WhichDatabase';

export const exerciseComponents = { ShardKeyChooser, WhichDatabase };

/** The interactive exercises lessons can use, registered in src/mdx/components.tsx (names in componentNames.ts). */
import { ShardKeyChooser } from './ShardKeyChooser';
import { WhichDatabase } from './WhichDatabase';

export const exerciseComponents = { ShardKeyChooser, WhichDatabase };

/**
 * Checks that links to other lessons and their sections resolve, and that images exist under public/ and
 * are served by the course itself (its Content-Security-Policy blocks images from other sites).
 */
import type { Root } from 'mdast';
import { readAttribute } from './literals.ts';
import { closest, type OffsetProblem } from './problems.ts';
import { isJsxElement, offsetOf, walk } from './tree.ts';

/** What other lessons offer as link targets. `anchors` is undefined when the lesson could not be parsed. */
export interface LinkTarget {
  id: string;
  fileName: string;
  anchors?: ReadonlySet<string>;
}

export interface LinkContext {
  lessons: readonly LinkTarget[];
  /** This lesson's own anchors, for `#section` links; undefined skips those checks. */
  ownAnchors?: ReadonlySet<string>;
  /** Whether `public/<path>` exists, for a URL path such as `/diagrams/ring.svg`. */
  publicFileExists: (urlPath: string) => boolean;
}

/** App routes other than lessons (src/app/App.tsx). */
const appRoutes = ['/', '/certificate'];

interface Reference {
  kind: 'link' | 'image';
  url: string;
  offset: number;
}

export function checkLinks(tree: Root, context: LinkContext): OffsetProblem[] {
  return references(tree).flatMap((reference) => {
    const problem =
      reference.kind === 'image' ? imageProblem(reference.url, context) : linkProblem(reference.url, context);
    return problem ? [{ offset: reference.offset, ...problem }] : [];
  });
}

function references(tree: Root): Reference[] {
  const found: Reference[] = [];
  walk(tree, (node) => {
    if (node.type === 'link' || node.type === 'definition')
      found.push({ kind: 'link', url: node.url, offset: offsetOf(node) });
    else if (node.type === 'image') found.push({ kind: 'image', url: node.url, offset: offsetOf(node) });
    else if (isJsxElement(node) && (node.name === 'a' || node.name === 'img')) {
      const name = node.name === 'a' ? 'href' : 'src';
      const attribute = node.attributes.find(
        (candidate) => candidate.type === 'mdxJsxAttribute' && candidate.name === name,
      );
      const read = attribute?.type === 'mdxJsxAttribute' ? readAttribute(attribute) : undefined;
      if (read?.ok && typeof read.value === 'string') {
        found.push({
          kind: node.name === 'a' ? 'link' : 'image',
          url: read.value,
          offset: offsetOf(attribute!),
        });
      }
    }
  });
  return found;
}

type Found = Omit<OffsetProblem, 'offset'> | undefined;

const hasScheme = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url);

function linkProblem(url: string, context: LinkContext): Found {
  if (hasScheme(url)) return undefined;
  const [path = '', anchor] = splitHash(url);
  if (path === '') return anchorProblem(url, anchor ?? '', context.ownAnchors, 'this lesson');

  const lessonPath = /^\/lessons\/([^/]+)\/?$/.exec(path);
  if (lessonPath) {
    const id = decodeURIComponent(lessonPath[1]!);
    // Two lessons with one id are reported as such; here either may hold the anchor.
    const withId = context.lessons.filter((candidate) => candidate.id === id);
    if (withId.length === 0) {
      const suggestion = closest(
        id,
        context.lessons.map((candidate) => candidate.id),
      );
      return {
        message: `link to ${url}: there is no lesson with id "${id}"`,
        fix: `${suggestion ? `did you mean /lessons/${suggestion}? ` : ''}a lesson's id is the "id" in its frontmatter; ids: ${context.lessons.map((candidate) => candidate.id).join(', ')}`,
      };
    }
    if (
      anchor === undefined ||
      withId.some((lesson) => !lesson.anchors || lesson.anchors.has(decodeURIComponent(anchor)))
    )
      return undefined;
    return anchorProblem(url, anchor, withId[0]!.anchors, `lesson "${id}"`);
  }
  if (path.startsWith('/')) {
    if (appRoutes.includes(path) || context.publicFileExists(path)) return undefined;
    return {
      message: `link to ${url}: there is no page or file at ${path}`,
      fix: `link to a lesson as /lessons/<id>, to the course pages ${appRoutes.join(' or ')}, or to a file you put in public${path}`,
    };
  }
  const fileName = /^(?:\.\/)?([\w.-]+\.mdx)$/.exec(path)?.[1];
  if (fileName) {
    const lesson = context.lessons.find((candidate) => candidate.fileName === fileName);
    if (!lesson) {
      const stem = (name: string) => name.replace(/\.mdx$/, '');
      const match = closest(
        stem(fileName),
        context.lessons.map((candidate) => stem(candidate.fileName)),
      );
      const suggestion = match && `${match}.mdx`;
      return {
        message: `link to ${url}: there is no lesson file ${fileName} in the lessons folder`,
        fix: suggestion
          ? `did you mean ${suggestion}?`
          : `link to a file in the lessons folder, or to /lessons/<id>`,
      };
    }
    return anchor === undefined
      ? undefined
      : anchorProblem(url, anchor, lesson.anchors, `lesson "${lesson.id}"`);
  }
  return {
    message: `link to ${url}: a relative link resolves against the page's address and leads nowhere`,
    fix: 'link to a lesson as /lessons/<id> or by its file name (02-replication.mdx), or write a full https:// address',
  };
}

function anchorProblem(
  url: string,
  anchor: string,
  anchors: ReadonlySet<string> | undefined,
  where: string,
): Found {
  if (!anchors || anchors.has(decodeURIComponent(anchor))) return undefined;
  const suggestion = closest(anchor, [...anchors]);
  return {
    message: `link to ${url}: ${where} has no section or term with the id "${anchor}"`,
    fix: `${suggestion ? `did you mean #${suggestion}? ` : ''}ids come from ## and ### headings (lowercase, hyphens: "## Why keep copies" is #why-keep-copies) and from <KeyTerm term="Shard"> (#term-shard)`,
  };
}

function imageProblem(url: string, context: LinkContext): Found {
  if (url.startsWith('data:')) return undefined;
  if (hasScheme(url)) {
    return {
      message: `image ${url} is on another site, and the course's Content-Security-Policy only allows its own images`,
      fix: 'download the image into public/ (e.g. public/images/name.png) and write ![description](/images/name.png)',
    };
  }
  const [path = ''] = splitHash(url);
  if (!path.startsWith('/')) {
    return {
      message: `image ${url}: a relative path resolves against the page's address and is not found`,
      fix: `put the image in public/ and write its path from there, starting with /: e.g. /${path.replace(/^(\.\.?\/)+/, '')}`,
    };
  }
  if (context.publicFileExists(path)) return undefined;
  return {
    message: `image ${url} not found: there is no public${decodeURI(path)}`,
    fix: `add the file as public${decodeURI(path)}, or correct the path`,
  };
}

function splitHash(url: string): [string, string | undefined] {
  const hash = url.indexOf('#');
  return hash < 0
    ? [url.split('?')[0]!, undefined]
    : [url.slice(0, hash).split('?')[0]!, url.slice(hash + 1)];
}

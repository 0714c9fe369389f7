/** Branch prefix for every thread, so Skein's branches group together and never collide with the user's. */
export const THREAD_BRANCH_PREFIX = 'skein/';

/** Long enough to say what the thread is about, short enough for a sidebar and a terminal prompt. */
export const MAX_SLUG_LENGTH = 40;

/** "Fix the Login — crash!" -> "fix-the-login-crash": lowercase ASCII kebab, a valid ref name component. */
export function slugify(title: string): string {
  let slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG_LENGTH) {
    slug = slug.slice(0, MAX_SLUG_LENGTH);
    // Prefer ending on a whole word when that keeps at least half the length.
    const lastDash = slug.lastIndexOf('-');
    if (lastDash >= MAX_SLUG_LENGTH / 2) slug = slug.slice(0, lastDash);
    slug = slug.replace(/-+$/, '');
  }
  return slug || 'thread';
}

/**
 * Slugs already taken, from branch names under the prefix. `skein/a/b` takes `a` too: git cannot
 * have both `skein/a` and `skein/a/b`.
 */
export function takenSlugs(branches: Iterable<string>): Set<string> {
  const taken = new Set<string>();
  for (const branch of branches) {
    if (!branch.startsWith(THREAD_BRANCH_PREFIX)) continue;
    const rest = branch.slice(THREAD_BRANCH_PREFIX.length);
    taken.add(rest.split('/')[0] ?? rest);
  }
  return taken;
}

/** `slug`, or `slug-2`, `slug-3`, ... whichever is free. */
export function uniqueSlug(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n += 1) {
    const candidate = `${slug}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** GitHub's page-number pagination: `per_page` (default 30, at most 100), `page`, and a `Link` header. */

export interface Page<T> {
  readonly items: T[];
  /** Absent when everything fits on one page, as on GitHub. */
  readonly link?: string;
}

export function paginate<T>(items: readonly T[], requestUrl: URL, base: string): Page<T> {
  const perPage = clampPerPage(requestUrl.searchParams.get('per_page'));
  const page = Math.max(1, toInt(requestUrl.searchParams.get('page')) ?? 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const rels: string[] = [];
  const at = (n: number) => {
    const url = new URL(requestUrl.pathname + requestUrl.search, base);
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  if (page > 1) rels.push(`<${at(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) rels.push(`<${at(page + 1)}>; rel="next"`, `<${at(lastPage)}>; rel="last"`);
  if (page > 1) rels.push(`<${at(1)}>; rel="first"`);
  return rels.length > 0 ? { items: slice, link: rels.join(', ') } : { items: slice };
}

function clampPerPage(raw: string | null): number {
  const value = toInt(raw);
  if (value === undefined || value < 1) return 30;
  return Math.min(value, 100);
}

function toInt(raw: string | null): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

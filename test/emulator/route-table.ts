/**
 * Method + path -> operation for the REST/JSON services, as their service models give them
 * (`http.method` + `http.requestUri`, e.g. `GET /detector/{DetectorId}/administrator`). A `{Label}`
 * segment matches one path segment and is handed to the handler decoded; a literal route wins over a
 * labelled one. Trailing slashes are ignored, as API Gateway-fronted services do.
 */

export interface RouteMatch<R> {
  route: R;
  /** The path labels, e.g. `{ DetectorId: '12ab…' }`. */
  params: Record<string, string>;
}

interface Template<R> {
  method: string;
  segments: string[];
  route: R;
}

const splitPath = (path: string) => path.replace(/\/+$/, '').split('/').filter(Boolean);

export class RouteTable<R> {
  private readonly exact = new Map<string, R>();
  private readonly templates: Template<R>[] = [];

  constructor(entries: [pattern: string, route: R][]) {
    for (const [pattern, route] of entries) {
      const [method = '', path = '/'] = pattern.split(' ');
      if (path.includes('{')) this.templates.push({ method, segments: splitPath(path), route });
      else this.exact.set(`${method} /${splitPath(path).join('/')}`, route);
    }
  }

  match(method: string, path: string): RouteMatch<R> | null {
    const segments = splitPath(path);
    const exact = this.exact.get(`${method} /${segments.join('/')}`);
    if (exact) return { route: exact, params: {} };
    for (const t of this.templates) {
      if (t.method !== method || t.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const fits = t.segments.every((s, i) => {
        const actual = segments[i]!;
        if (s.startsWith('{') && s.endsWith('}')) {
          params[s.slice(1, -1)] = actual;
          return actual.length > 0;
        }
        return s === actual;
      });
      if (fits) return { route: t.route, params };
    }
    return null;
  }
}

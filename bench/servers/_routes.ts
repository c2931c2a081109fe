// The 200 routes of the router scenario, shared by the Plinth and Hono servers.

/** One registered route: its reply is `label`, then the value of `param` if it has one. */
export interface BenchRoute {
  method: "GET" | "POST";
  path: string;
  label: string;
  param?: string;
}

/** The path requested: a route with a parameter, registered late (the 189th of 200). */
export const ROUTER_PATH = "/api/v1/resource37/42";

/** The reply's start at {@linkcode ROUTER_PATH}, before the id. */
export const ROUTER_LABEL = "resource37";

/** 200 routes in five realistic shapes, 40 of each. */
export function benchRoutes(): BenchRoute[] {
  const routes: BenchRoute[] = [];
  for (let i = 0; i < 40; i++) {
    routes.push(
      { method: "GET", path: `/static${i}`, label: `static${i}` },
      { method: "POST", path: `/api/v1/resource${i}`, label: `create resource${i}` },
      { method: "GET", path: `/users/:userId/posts${i}`, label: `posts${i}`, param: "userId" },
      { method: "GET", path: `/api/v1/resource${i}/:id`, label: `resource${i}`, param: "id" },
      {
        method: "GET",
        path: `/api/v1/resource${i}/:id/comments/:commentId`,
        label: `comment${i}`,
        param: "commentId",
      },
    );
  }
  return routes;
}

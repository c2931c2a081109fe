/** `createdAt` -> `created_at`, `BlogPost` -> `blog_post`. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

/** `BlogPost` -> `blogPost`. */
export function camelCase(name: string): string {
  return name[0].toLowerCase() + name.slice(1);
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*$/;

/** Checks a model or field name: letters and digits, single `_` between them (no `__`, no `.`). */
export function checkName(what: string, name: string): void {
  if (!FIELD_NAME.test(name) || name.length > 63) {
    throw new Error(
      `Invalid ${what} name ${JSON.stringify(name)}: use letters and digits, ` +
        `single "_" between them (no "__" or "."), at most 63 characters`,
    );
  }
}

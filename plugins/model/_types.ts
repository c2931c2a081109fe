// deno-lint-ignore-file no-explicit-any -- type-level pattern matching over any field
import type { Expression } from "./_expressions.ts";
import type { AnyField, Field } from "./_field.ts";
import type { ManyToManyField, RelationField } from "./_relation_fields.ts";

/**
 * The JS value of a field, `null` included when the field is nullable.
 *
 * @example The value of a nullable text field
 * ```ts
 * import { field, type ValueOf } from "@plinth/plinth/model";
 *
 * const bio = field.text({ null: true });
 * const value: ValueOf<typeof bio> = null;
 * ```
 */
export type ValueOf<F> = F extends Field<infer T, infer N, any, any> ? N extends true ? T | null : T
  : never;

/**
 * The primary key's value type: the declared primary key's, or `number` for the automatic `id`.
 *
 * @example An automatic id
 * ```ts
 * import { field, type PkValue } from "@plinth/plinth/model";
 *
 * const fields = { title: field.text() };
 * const id: PkValue<typeof fields> = 1;
 * ```
 */
export type PkValue<F> = true extends
  { [K in keyof F]: F[K] extends Field<any, any, any, true> ? true : false }[keyof F]
  ? ValueOf<F[{ [K in keyof F]: F[K] extends Field<any, any, any, true> ? K : never }[keyof F]]>
  : number;

/**
 * A row of a model with fields `F`: every column's value (a relation `author` is held as
 * `authorId`), plus `author` and many-to-many arrays once `selectRelated`/`prefetchRelated`
 * loaded them.
 *
 * @example The row type of a model
 * ```ts
 * import { field, type Row } from "@plinth/plinth/model";
 *
 * const fields = { name: field.text(), note: field.text({ null: true }) };
 * const tag: Row<typeof fields> = { id: 1, name: "deno", note: null };
 * ```
 */
export type Row<F> =
  & (true extends
    { [K in keyof F]: F[K] extends Field<any, any, any, true> ? true : false }[keyof F] ? unknown
    : { id: number })
  & {
    [K in keyof F as F[K] extends RelationField<any, any> | ManyToManyField<any> ? never : K]:
      ValueOf<F[K]>;
  }
  & {
    [K in keyof F as F[K] extends RelationField<any, any> ? `${K & string}Id` : never]: ValueOf<
      F[K]
    >;
  }
  & {
    [K in keyof F as F[K] extends RelationField<any, any> ? K : never]?: F[K] extends
      RelationField<infer M, infer N>
      ? (M extends { readonly __row: infer R } ? R : never) | (N extends true ? null : never)
      : never;
  }
  & {
    [K in keyof F as F[K] extends ManyToManyField<any> ? K : never]?: F[K] extends
      ManyToManyField<infer M> ? (M extends { readonly __row: infer R } ? R : never)[]
      : never;
  };

/**
 * The data `create` accepts: required fields, optional ones (with a default or nullable), and
 * each relation either as `authorId` or as the related row `author`.
 *
 * @example Data for create
 * ```ts
 * import { field, type Input } from "@plinth/plinth/model";
 *
 * const fields = { title: field.text(), views: field.integer({ default: 0 }) };
 * const data: Input<typeof fields> = { title: "Hello" };
 * ```
 */
export type Input<F> = 0 extends (1 & F) ? Record<string, any>
  :
    & {
      [
        K in keyof F as F[K] extends RelationField<any, any> | ManyToManyField<any> ? never
          : F[K] extends Field<any, any, true, any> ? never
          : K
      ]: ValueOf<F[K]>;
    }
    & {
      [
        K in keyof F as F[K] extends RelationField<any, any> | ManyToManyField<any> ? never
          : F[K] extends Field<any, any, true, any> ? K
          : never
      ]?: ValueOf<F[K]>;
    }
    & {
      [K in keyof F as F[K] extends RelationField<any, any> ? `${K & string}Id` : never]?: ValueOf<
        F[K]
      >;
    }
    & {
      [K in keyof F as F[K] extends RelationField<any, any> ? K : never]?: F[K] extends
        RelationField<infer M, any> ? (M extends { readonly __row: infer R } ? R : never) | null
        : never;
    };

/**
 * The data `update` accepts: any subset of {@linkcode Input}.
 *
 * @example A partial change
 * ```ts
 * import { type Changes, field } from "@plinth/plinth/model";
 *
 * const fields = { title: field.text(), views: field.integer() };
 * const change: Changes<typeof fields> = { views: 2 };
 * ```
 */
export type Changes<F> = Partial<Input<F>>;

/**
 * The data `update` accepts: any subset of {@linkcode Input}, where a value may also be an
 * `f()` expression that the database computes from each row.
 *
 * @example An atomic increment
 * ```ts
 * import { f, field, type Updates } from "@plinth/plinth/model";
 *
 * const fields = { title: field.text(), likes: field.integer({ default: 0 }) };
 * const change: Updates<typeof fields> = { likes: f("likes").add(1) };
 * ```
 */
export type Updates<F> = { [K in keyof Changes<F>]?: Changes<F>[K] | Expression };

/**
 * Any set of declared fields.
 *
 * @example Fields as a value
 * ```ts
 * import { type AnyFields, field } from "@plinth/plinth/model";
 *
 * const fields: AnyFields = { title: field.text() };
 * ```
 */
export type AnyFields = Record<string, AnyField>;

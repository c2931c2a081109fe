// The page both templating servers render: a 50-row table, the same component for each.
import type { ComponentChildren } from "../../plugins/templating/mod.ts";

/** The page's path. */
export const TABLE_PATH = "/items";

/** One row of the table. */
export interface Item {
  id: number;
  name: string;
  price: string;
  stock: number;
  tag: string;
}

/** Fifty rows, with text that needs escaping. */
export const ITEMS: Item[] = Array.from({ length: 50 }, (_, i) => ({
  id: i + 1,
  name: `Item <${i + 1}> & "friends"`,
  price: ((i + 1) * 1.25).toFixed(2),
  stock: (i * 7) % 13,
  tag: i % 3 === 0 ? "new" : "regular",
}));

/** The table. */
export function ItemTable({ items }: { items: Item[] }) {
  return (
    <table class="items">
      <thead>
        <tr>
          <th>#</th>
          <th>Name</th>
          <th>Price</th>
          <th>Stock</th>
          <th>Tag</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} class={item.stock === 0 ? "out" : undefined}>
            <td>{item.id}</td>
            <td>
              <a href={`/items/${item.id}`}>{item.name}</a>
            </td>
            <td>{item.price}</td>
            <td>{item.stock}</td>
            <td>{item.tag}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The site layout around it. */
export function Site({ children }: { children: ComponentChildren }) {
  return (
    <>
      <header>
        <a href="/">Shop</a>
      </header>
      <main>{children}</main>
      <footer>Shop, since 2024</footer>
    </>
  );
}

/** Modules the build (scripts/build-web.ts) provides: the bundled rubrics, and the worker's code as text. */
declare module "virtual:samples" {
  const samples: readonly { readonly name: string; readonly text: string }[];
  export default samples;
}
declare module "virtual:worker" {
  const source: string;
  export default source;
}

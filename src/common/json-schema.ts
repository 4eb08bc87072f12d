/** A JSON Schema document (draft 2020-12) as plain JSON. */
export type JsonSchemaObject = { readonly [key: string]: unknown };

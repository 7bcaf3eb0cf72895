import { z } from 'zod';

/**
 * The shape of a wire message, written once from a zod schema and once from an OpenAPI 3.1
 * schema, so a test can compare what the kiosk and simulator validate with what
 * simulator/openapi.yaml tells the province's vendor: property names, which are required, whether
 * unknown properties are refused, types (integer vs number), nullability, enum values, array
 * items, unions — recursively. Value constraints (patterns, lengths, ranges) and formats are left
 * out: they are prose to the vendor and zod's checks, and comparing them would tie the document to
 * zod's regex syntax.
 */
export type Shape =
  | { kind: 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'unknown' }
  | { kind: 'enum'; values: Array<string | number | boolean | null> }
  | { kind: 'array'; items: Shape }
  | { kind: 'object'; properties: Record<string, Shape>; required: string[]; closed: boolean }
  | { kind: 'record'; values: Shape }
  | { kind: 'union'; options: Shape[] };

const sortKey = (s: Shape) => JSON.stringify(s);

/** Flattens nested unions, merges enums, drops duplicates, and sorts, so equal sets compare equal. */
function union(options: Shape[]): Shape {
  const flat = options.flatMap((o) => (o.kind === 'union' ? o.options : [o]));
  const enums = flat.filter((o): o is Extract<Shape, { kind: 'enum' }> => o.kind === 'enum');
  const rest = flat.filter((o) => o.kind !== 'enum');
  // `null` is an enum value or a type, depending on the writer: make it an enum value when one is there.
  const merged: Shape[] =
    enums.length > 0
      ? [enumOf([...enums.flatMap((e) => e.values), ...rest.filter((o) => o.kind === 'null').map(() => null)])]
      : [];
  const others = enums.length > 0 ? rest.filter((o) => o.kind !== 'null') : rest;
  const unique = [...new Map([...merged, ...others].map((o) => [sortKey(o), o])).values()].sort((a, b) =>
    sortKey(a).localeCompare(sortKey(b)),
  );
  return unique.length === 1 ? unique[0]! : { kind: 'union', options: unique };
}

function enumOf(values: Array<string | number | boolean | null>): Shape {
  return { kind: 'enum', values: [...new Set(values)].sort((a, b) => String(a).localeCompare(String(b))) };
}

function object(properties: Record<string, Shape>, required: string[], closed: boolean): Shape {
  const sorted = Object.fromEntries(Object.entries(properties).sort(([a], [b]) => a.localeCompare(b)));
  return { kind: 'object', properties: sorted, required: [...required].sort(), closed };
}

/** What a zod schema accepts on the wire (its input side: a `.default()` makes a field optional). */
export function zodShape(schema: z.ZodTypeAny): Shape {
  const def = schema._def as { typeName: z.ZodFirstPartyTypeKind };
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodString:
      return { kind: 'string' };
    case z.ZodFirstPartyTypeKind.ZodNumber:
      return { kind: (schema as z.ZodNumber).isInt ? 'integer' : 'number' };
    case z.ZodFirstPartyTypeKind.ZodBoolean:
      return { kind: 'boolean' };
    case z.ZodFirstPartyTypeKind.ZodNull:
      return { kind: 'null' };
    case z.ZodFirstPartyTypeKind.ZodUnknown:
    case z.ZodFirstPartyTypeKind.ZodAny:
      return { kind: 'unknown' };
    case z.ZodFirstPartyTypeKind.ZodLiteral:
      return enumOf([(schema as z.ZodLiteral<string | number | boolean | null>).value]);
    case z.ZodFirstPartyTypeKind.ZodEnum:
      return enumOf([...(schema as z.ZodEnum<[string, ...string[]]>).options]);
    case z.ZodFirstPartyTypeKind.ZodArray:
      return { kind: 'array', items: zodShape((schema as z.ZodArray<z.ZodTypeAny>).element) };
    case z.ZodFirstPartyTypeKind.ZodRecord:
      return { kind: 'record', values: zodShape((schema as z.ZodRecord).valueSchema) };
    case z.ZodFirstPartyTypeKind.ZodObject: {
      const o = schema as z.AnyZodObject;
      const shape = o.shape as Record<string, z.ZodTypeAny>;
      const properties = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, zodShape(unwrapOptional(v))]));
      const required = Object.keys(shape).filter((k) => !shape[k]!.isOptional());
      return object(properties, required, o._def.unknownKeys === 'strict');
    }
    case z.ZodFirstPartyTypeKind.ZodUnion:
    case z.ZodFirstPartyTypeKind.ZodDiscriminatedUnion:
      return union([...(schema._def as { options: Iterable<z.ZodTypeAny> }).options].map(zodShape));
    case z.ZodFirstPartyTypeKind.ZodNullable:
      return union([zodShape((schema as z.ZodNullable<z.ZodTypeAny>).unwrap()), { kind: 'null' }]);
    case z.ZodFirstPartyTypeKind.ZodOptional:
    case z.ZodFirstPartyTypeKind.ZodDefault:
      return zodShape(unwrapOptional(schema));
    case z.ZodFirstPartyTypeKind.ZodEffects:
      return zodShape((schema as z.ZodEffects<z.ZodTypeAny>).innerType());
    case z.ZodFirstPartyTypeKind.ZodBranded:
      return zodShape((schema as z.ZodBranded<z.ZodTypeAny, string>).unwrap());
    case z.ZodFirstPartyTypeKind.ZodPipeline:
      return zodShape((schema._def as { in: z.ZodTypeAny }).in);
    case z.ZodFirstPartyTypeKind.ZodLazy:
      return zodShape((schema as z.ZodLazy<z.ZodTypeAny>).schema);
    default:
      throw new Error(`wire-shape: no rule for zod ${def.typeName}`);
  }
}

function unwrapOptional(schema: z.ZodTypeAny): z.ZodTypeAny {
  if (schema instanceof z.ZodOptional) return unwrapOptional(schema.unwrap());
  if (schema instanceof z.ZodDefault) return unwrapOptional(schema.removeDefault());
  return schema;
}

/** The subset of JSON Schema (OpenAPI 3.1) that openapi.yaml uses. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: Array<string | number | boolean | null>;
  const?: string | number | boolean | null;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** What an OpenAPI schema describes, with `#/components/schemas/…` references resolved. */
export function openApiShape(schema: JsonSchema, components: Record<string, JsonSchema>): Shape {
  if (schema.$ref) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name === undefined ? undefined : components[name];
    if (!target) throw new Error(`wire-shape: unresolved $ref ${schema.$ref}`);
    return openApiShape(target, components);
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return union(alternatives.map((s) => openApiShape(s, components)));
  if (schema.allOf) return mergeObjects(schema.allOf.map((s) => openApiShape(s, components)));
  if (schema.const !== undefined) return enumOf([schema.const]);
  if (schema.enum) return enumOf(schema.enum);
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length === 0)
    return schema.properties ? openApiShape({ ...schema, type: 'object' }, components) : { kind: 'unknown' };
  return union(types.map((t) => typed(t, schema, components)));
}

function typed(type: string, schema: JsonSchema, components: Record<string, JsonSchema>): Shape {
  switch (type) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: type };
    case 'array':
      return { kind: 'array', items: schema.items ? openApiShape(schema.items, components) : { kind: 'unknown' } };
    case 'object': {
      if (!schema.properties && typeof schema.additionalProperties === 'object') {
        return { kind: 'record', values: openApiShape(schema.additionalProperties, components) };
      }
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => [k, openApiShape(v, components)]),
      );
      return object(properties, schema.required ?? [], schema.additionalProperties === false);
    }
    default:
      throw new Error(`wire-shape: no rule for JSON Schema type ${type}`);
  }
}

function mergeObjects(parts: Shape[]): Shape {
  const objects = parts.filter((p): p is Extract<Shape, { kind: 'object' }> => p.kind === 'object');
  if (objects.length !== parts.length) throw new Error('wire-shape: allOf of something other than objects');
  return object(
    Object.assign({}, ...objects.map((o) => o.properties)) as Record<string, Shape>,
    [...new Set(objects.flatMap((o) => o.required))],
    objects.some((o) => o.closed),
  );
}

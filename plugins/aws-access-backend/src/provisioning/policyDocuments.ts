/*
 * Copyright 2026 The Backstage AWS Access Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Statement elements that IAM reads as a set of strings, one or many. */
const STRING_SETS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);
/** Action names are case-insensitive in IAM; resources are not. */
const CASE_INSENSITIVE = new Set(['Action', 'NotAction']);

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `"a"` and `["a"]` mean the same to IAM, and so do `["a","b"]` and `["b","a"]`. */
function stringSet(value: Json, lowerCase = false): Json {
  const items = Array.isArray(value) ? value : [value];
  if (!items.every(item => typeof item === 'string')) {
    return value; // not a valid policy element; compared as it is
  }
  const strings = items as string[];
  return [
    ...new Set(lowerCase ? strings.map(s => s.toLowerCase()) : strings),
  ].sort();
}

function mapValues(value: Json, fn: (inner: Json) => Json): Json {
  if (!isObject(value)) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, fn(inner)]),
  );
}

function canonicalStatement(statement: Json): Json {
  if (!isObject(statement)) {
    return statement;
  }
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(statement)) {
    if (key === 'Sid') {
      continue; // a label; it changes nothing the statement allows
    }
    if (STRING_SETS.has(key)) {
      result[key] = stringSet(value, CASE_INSENSITIVE.has(key));
    } else if (key === 'Principal' || key === 'NotPrincipal') {
      // `"*"` stays as it is; `{ AWS: "arn" }` is `{ AWS: ["arn"] }`.
      result[key] = mapValues(value, inner => stringSet(inner));
    } else if (key === 'Condition') {
      // Operator → condition key → one value or a set of them.
      result[key] = mapValues(value, operator =>
        mapValues(operator, values => stringSet(values)),
      );
    } else {
      result[key] = value;
    }
  }
  return result;
}

/** JSON text with object keys sorted at every level. */
function sortedJson(value: Json): string {
  if (Array.isArray(value)) {
    return `[${value.map(sortedJson).join(',')}]`;
  }
  if (isObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map(key => `${JSON.stringify(key)}:${sortedJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A policy document in a canonical form: two documents that IAM evaluates
 * alike because they differ only in key order, in a single string versus a
 * one-element list, in the order of actions, resources, principals,
 * condition values or statements, or in `Sid`s, have the same canonical
 * form. Returns undefined for text that is not a JSON object.
 */
export function canonicalPolicy(document: string): string | undefined {
  let parsed: Json;
  try {
    parsed = JSON.parse(document);
  } catch {
    return undefined;
  }
  if (!isObject(parsed)) {
    return undefined;
  }
  const { Statement: statement, ...rest } = parsed;
  // Statements are a set too: sorted (and deduplicated) by their canonical text.
  const statements = new Map<string, Json>();
  for (const s of Array.isArray(statement) ? statement : [statement ?? null]) {
    const canonical = canonicalStatement(s);
    statements.set(sortedJson(canonical), canonical);
  }
  return sortedJson({
    // IAM reads a document without a version as the 2008 language.
    Version: '2008-10-17',
    ...rest,
    Statement: [...statements.keys()].sort().map(key => statements.get(key)!),
  });
}

/** True when both documents mean the same to IAM (see {@link canonicalPolicy}). */
export function samePolicy(actual: string, expected: string): boolean {
  const canonical = canonicalPolicy(actual);
  return canonical !== undefined && canonical === canonicalPolicy(expected);
}

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

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import yaml from 'yaml';

/** One template step that calls an action, as a template author writes it. */
export interface ExampleStep {
  id: string;
  name: string;
  action: string;
  input: JsonObject;
}

/**
 * An example for the installed-actions page: a template with the one step,
 * in the YAML that authors copy.
 */
export function templateExample(
  description: string,
  step: ExampleStep,
): TemplateExample {
  return { description, example: yaml.stringify({ steps: [step] }) };
}

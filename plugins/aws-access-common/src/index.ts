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

/**
 * Types, permissions, API schemas, ARN parsing and the typed REST client
 * shared by the aws-access frontend and backend plugins.
 *
 * @packageDocumentation
 */
export * from './constants';
export * from './types';
export * from './schemas';
export * from './querySchemas';
export * from './userText';
export * from './readableTime';
export * from './arn';
export * from './permissions';
export * from './client';
export * from './presets';
export * from './cliSnippet';
export * from './duplicateGrant';
export * from './fieldLabels';
export * from './grantEventTypes';
export * from './bundles';
export * from './entityRefs';

export { parseToolDocument, type InputError, type ParseOrigin, type ParsedToolDocument } from './parse-tool-document';
export { escapePointerToken, pointerOf } from './json-pointer';

export { startFakeServer, WireViolation, type FakeServer, type Fault, type RecordedRequest, type FakeResponse, type FakeHandler } from './fake-server';
export { startFakeOpenAI, type FakeOpenAIOptions, type FakeChatRequest } from './fake-openai.server';
export { startFakeAnthropic, type FakeAnthropicOptions, type FakeMessagesRequest } from './fake-anthropic.server';
export { overlapChooser, type FakeReply, type FakeTool } from './tool-choice';
export { fakeEmbedding } from './fake-embedding';
export { schemaInstance, strictSchemaProblems, type FakeStructuredCall, type FakeStructuredReply, type FakeStructuredResponder } from './structured-output';

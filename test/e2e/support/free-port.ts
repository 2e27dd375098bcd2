// A TCP port that was free a moment ago (listen on port 0, read the port, close). Nothing listens on it
// afterwards, so it also serves as a "closed port" for an unreachable dependency.
export { freeTcpPort as freePort } from '@toolgate/testing';

export { startMcpHttpServer, MCP_PATH, type McpHttpServer } from './http-server';
export { createSkeinMcpServer } from './skein-mcp-server';
export { serveMcpOverStdio } from './stdio-server';

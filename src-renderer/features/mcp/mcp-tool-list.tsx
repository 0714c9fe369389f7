import type { McpTestResult, McpToolInfo } from '../../../src-shared/contract';

/** Tool names with their descriptions, as the server announced them. */
export function McpToolList({ tools, label }: { tools: readonly McpToolInfo[]; label: string }) {
  if (tools.length === 0) return <p className="field-hint">The server lists no tools.</p>;
  return (
    <ul className="mcp-tools" aria-label={label}>
      {tools.map((tool) => (
        <li key={tool.name} className="mcp-tool">
          <span className="mcp-tool-name mono">{tool.name}</span>
          <span className="mcp-tool-description">{tool.description ?? 'No description.'}</span>
        </li>
      ))}
    </ul>
  );
}

/** What "Test" found: the server and its tools, or why it could not connect. */
export function McpTestOutcome({ result }: { result: McpTestResult }) {
  if (!result.ok) {
    return (
      <div className="mcp-test failed" role="alert" aria-label="Test result">
        <p className="mcp-test-head">The test failed</p>
        <pre className="mcp-test-error mono">{result.message}</pre>
      </div>
    );
  }
  const who = result.serverInfo ? `${result.serverInfo.name} ${result.serverInfo.version}` : 'The server';
  const count = result.tools.length === 1 ? '1 tool' : `${result.tools.length} tools`;
  return (
    <div className="mcp-test ok" role="status" aria-label="Test result">
      <p className="mcp-test-head">
        Connected: {who} offers {count}.
      </p>
      <McpToolList tools={result.tools} label="Tools found" />
    </div>
  );
}

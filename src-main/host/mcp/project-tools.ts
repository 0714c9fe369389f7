import { z } from 'zod';
import {
  conflictMatrixSchema,
  skillScopeSchema,
  type ConflictMatrix,
  type RpcClient,
} from '../../../src-shared/contract';
import type { McpToolContext } from './mcp-context';
import { findOrAddProject, findProject } from './project-lookup';
import { guarded, toolOk } from './tool-result';
import { watchUntil } from './watch-until';

/** The radar computes cells in the background; a caller gets what is done by then (computing says if not all). */
const CONFLICTS_SETTLE_MS = 15_000;

/** The project's matrix once no cell is computing, or as it stands after CONFLICTS_SETTLE_MS. */
function settledMatrix(rpc: RpcClient, projectId: string, signal: AbortSignal): Promise<ConflictMatrix> {
  return watchUntil<ConflictMatrix>({
    rpc,
    notifications: ['conflicts/updated'],
    relevant: (_name, params) => (params as { projectId?: string }).projectId === projectId,
    async check() {
      const matrix = await rpc.api.conflicts.get({ projectId });
      return matrix.computing ? undefined : matrix;
    },
    signal,
    timeout: { ms: CONFLICTS_SETTLE_MS, result: () => rpc.api.conflicts.get({ projectId }) },
    cancelled: 'The caller cancelled the request.',
  });
}

export function registerProjectTools(context: McpToolContext): void {
  const { server, rpc } = context;

  server.registerTool(
    'conflicts_get',
    {
      title: 'Conflict radar',
      description:
        'Which live threads of a repository would conflict with each other or with their base if merged, and the order that lands the most cleanly.',
      inputSchema: { repo: z.string().min(1).describe('Path of the git repository.') },
      outputSchema: { matrix: conflictMatrixSchema },
      annotations: { readOnlyHint: true },
    },
    (args, extra) =>
      guarded('conflicts_get', async () => {
        const project = await findOrAddProject(rpc, args.repo);
        return toolOk({ matrix: await settledMatrix(rpc, project.id, extra.signal) });
      }),
  );

  server.registerTool(
    'skills_list',
    {
      title: 'List skills',
      description:
        "The agent skills Skein finds (the user's, Codex's, Claude Code's, and the repository's when repo is given), with which one wins a duplicated name.",
      inputSchema: {
        repo: z.string().min(1).optional().describe('A repository Skein knows, to include its skills.'),
      },
      outputSchema: {
        skills: z.array(
          z.object({
            name: z.string(),
            description: z.string(),
            scope: skillScopeSchema,
            path: z.string(),
            valid: z.boolean(),
            shadowedBy: z.string().nullable(),
          }),
        ),
      },
      annotations: { readOnlyHint: true },
    },
    (args) =>
      guarded('skills_list', async () => {
        const projectId = args.repo ? (await findProject(rpc, args.repo)).id : undefined;
        const { skills } = await rpc.api.skills.list({ projectId });
        return toolOk({
          skills: skills.map(({ name, description, scope, path, valid, shadowedBy }) => ({
            name,
            description,
            scope,
            path,
            valid,
            shadowedBy,
          })),
        });
      }),
  );
}

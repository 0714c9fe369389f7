import type { EffectiveAgentSettings } from '../../../../src-shared/contract';
import { skillsInstructions, type AgentSkill } from '../../skills';
import type { AgentsFile } from './agents-md';

const BASE = `You are a coding agent working in a git worktree of the user's repository, on your own branch.
Work in small verified steps: read the code you change, make the change with apply_patch, then run the
project's checks with shell. Keep the user informed with short messages; end with a brief summary of what
you changed and how you checked it.

Tools: shell (runs a command in the worktree root), apply_patch (edits files), read_file, list_files,
search (git grep), update_plan (a checklist for the user). Paths are relative to the worktree root; anything
outside the worktree is refused. Do not commit unless asked: the user reviews and merges your work.`;

function safetyNotes(settings: EffectiveAgentSettings, sandboxAvailable: boolean): string {
  const notes = [
    `Sandbox: ${settings.sandboxMode}; network ${settings.networkAccess ? 'allowed' : 'blocked'} for sandboxed commands.`,
  ];
  if (!sandboxAvailable && settings.sandboxMode !== 'danger-full-access') {
    notes.push(
      'No sandbox works on this machine: every command waits for the user to approve it. Prefer read_file and search.',
    );
  }
  switch (settings.approvalPolicy) {
    case 'untrusted':
      notes.push(
        'Approval policy untrusted: commands other than plain reads and every file change wait for the user.',
      );
      break;
    case 'on-request':
      notes.push(
        'Approval policy on-request: sandboxed work runs at once; set escalate with a justification to ask the user to run a command outside the sandbox.',
      );
      break;
    case 'never':
      notes.push(
        'Approval policy never: nobody will approve anything; work inside the sandbox and report what you could not do.',
      );
      break;
  }
  return notes.join('\n');
}

/** The system instructions of a thread's agent: ours, the safety rules in force, the enabled skills, then the project's AGENTS.md files. */
export function buildInstructions(
  settings: EffectiveAgentSettings,
  worktree: string,
  agentsFiles: readonly AgentsFile[],
  sandboxAvailable: boolean,
  skills: readonly AgentSkill[] = [],
): string {
  const parts = [BASE, `Worktree: ${worktree}`, safetyNotes(settings, sandboxAvailable)];
  const skillList = skillsInstructions(skills);
  if (skillList) parts.push(skillList);
  for (const file of agentsFiles) {
    parts.push(`Instructions from ${file.path} (the project's; follow them):\n${file.text}`);
  }
  return parts.join('\n\n');
}

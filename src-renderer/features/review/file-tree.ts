import type { DiffFile } from '../../../src-shared/contract';

/**
 * The changed files as a folder tree. Chains of folders with a single child folder are shown as
 * one row (`src/features/review`), as editors with "compact folders" do: deep trees stay short.
 */
export interface FolderNode {
  kind: 'folder';
  /** The deepest folder's path; the key for collapsing. */
  path: string;
  /** One name, or a chain like `src/features/review`. */
  name: string;
  children: TreeNode[];
  files: number;
  additions: number;
  deletions: number;
}

export interface FileNode {
  kind: 'file';
  path: string;
  name: string;
  file: DiffFile;
}

export type TreeNode = FolderNode | FileNode;

/** One visible line of the tree, with what ARIA's tree pattern needs for virtualised rows. */
export interface TreeRow {
  node: TreeNode;
  depth: number;
  /** 1-based position among its siblings, and their count. */
  posInSet: number;
  setSize: number;
  /** Folders only: whether its children are shown. */
  expanded: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function newFolder(path: string, name: string): FolderNode {
  return { kind: 'folder', path, name, children: [], files: 0, additions: 0, deletions: 0 };
}

function sortChildren(folder: FolderNode): void {
  folder.children.sort((a, b) =>
    a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'folder' ? -1 : 1,
  );
  for (const child of folder.children) if (child.kind === 'folder') sortChildren(child);
}

/** Merges a folder whose only child is a folder into one row, repeatedly. */
function compact(folder: FolderNode): FolderNode {
  let current = folder;
  while (current.children.length === 1 && current.children[0]?.kind === 'folder') {
    const only = current.children[0];
    current = { ...only, name: `${current.name}/${only.name}` };
  }
  return { ...current, children: current.children.map((c) => (c.kind === 'folder' ? compact(c) : c)) };
}

/** The root folder (path '') holding every changed file, folders first, names in natural order. */
export function buildFileTree(files: readonly DiffFile[]): FolderNode {
  const root = newFolder('', '');
  const folders = new Map<string, FolderNode>([['', root]]);
  for (const file of files) {
    const parts = file.path.split('/');
    const name = parts.pop() ?? file.path;
    let parent = root;
    let path = '';
    const chain: FolderNode[] = [root];
    for (const part of parts) {
      path = path ? `${path}/${part}` : part;
      let folder = folders.get(path);
      if (!folder) {
        folder = newFolder(path, part);
        folders.set(path, folder);
        parent.children.push(folder);
      }
      parent = folder;
      chain.push(folder);
    }
    parent.children.push({ kind: 'file', path: file.path, name, file });
    for (const folder of chain) {
      folder.files += 1;
      folder.additions += file.additions ?? 0;
      folder.deletions += file.deletions ?? 0;
    }
  }
  sortChildren(root);
  return { ...root, children: root.children.map((c) => (c.kind === 'folder' ? compact(c) : c)) };
}

/** The rows a person sees: the tree in order, skipping the insides of collapsed folders. */
export function visibleRows(root: FolderNode, collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (folder: FolderNode, depth: number) => {
    folder.children.forEach((node, index) => {
      const expanded = node.kind === 'folder' && !collapsed.has(node.path);
      rows.push({ node, depth, posInSet: index + 1, setSize: folder.children.length, expanded });
      if (node.kind === 'folder' && expanded) walk(node, depth + 1);
    });
  };
  walk(root, 1);
  return rows;
}

/** Every file in tree order (what "next file" steps through). */
export function filesInTreeOrder(root: FolderNode): DiffFile[] {
  const files: DiffFile[] = [];
  const walk = (folder: FolderNode) => {
    for (const node of folder.children) {
      if (node.kind === 'file') files.push(node.file);
      else walk(node);
    }
  };
  walk(root);
  return files;
}

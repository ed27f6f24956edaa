// The manifest's two event menus, an Events tree event row's (view/item/context) and an event
// table row's (webview/context), list the same commands in the same groups and order, for an
// event with an Original and for one without. The in-host test reads both menus from the real
// workbench for one case; this covers the other and says which entry drifted.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../../package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuEntry[]> };
};

/** Order as VS Code sorts a context menu: by group, then by the number after '@'. */
function ordered(entries: MenuEntry[]): string[] {
  const key = (e: MenuEntry) => {
    const [group, order] = (e.group ?? '').split('@');
    return { group, order: Number(order ?? 0) };
  };
  return [...entries]
    .sort((a, b) => key(a).group.localeCompare(key(b).group) || key(a).order - key(b).order)
    .map((e) => `${e.group} ${e.command}`);
}

describe('event row menus in package.json', () => {
  const tree = manifest.contributes.menus['view/item/context'].filter((e) => e.when?.includes('view == drp.events') && e.group !== 'inline');
  // A row menu entry must apply to the live table and to a recording's alike.
  const forWebview = (when: string, id: string) => {
    const regex = /webviewId =~ \/(.+?)\/ /.exec(when);
    if (regex) return new RegExp(regex[1]).test(id);
    return when.includes(`webviewId == ${id} `);
  };
  const table = manifest.contributes.menus['webview/context'].filter(
    (e) => e.when?.includes('webviewSection == row') && ['drp.eventTable', 'drp.eventRecording'].every((id) => forWebview(e.when ?? '', id)),
  );

  // The tree's regexes and the table's `hasOriginal` context key, evaluated for one kind of row.
  const onTreeRow = (e: MenuEntry, viewItem: string) => {
    const when = e.when ?? '';
    const regex = /viewItem =~ \/(.+)\/$/.exec(when);
    if (regex) return new RegExp(regex[1]).test(viewItem);
    const exact = /viewItem == (\S+)/.exec(when);
    return exact ? exact[1] === viewItem : false;
  };
  const onTableRow = (e: MenuEntry, hasOriginal: boolean) => hasOriginal || !/&& hasOriginal\b/.test(e.when ?? '');

  for (const [viewItem, hasOriginal] of [['drp.event.withOriginal', true], ['drp.event', false]] as const) {
    it(`a table row ${hasOriginal ? 'with' : 'without'} an Original offers what a ${viewItem} tree row does, in the same order`, () => {
      const treeMenu = ordered(tree.filter((e) => onTreeRow(e, viewItem)));
      assert.ok(treeMenu.length >= 5, treeMenu.join(', '));
      assert.deepEqual(ordered(table.filter((e) => onTableRow(e, hasOriginal))), treeMenu);
    });
  }
});

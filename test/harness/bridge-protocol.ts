// The UI bridge between tests in the extension host and the Playwright driver. The tests
// cannot touch the workbench DOM (it lives in the browser, they live in a Node process on
// the server), so they write a request file into HARNESS_BRIDGE_DIR and the driver answers
// with a response file. This module is the contract both sides compile against.

/** Every request the driver understands: its arguments and what it answers. */
export interface BridgeRequests {
  runPaletteCommand: { args: { title: string }; result: null };
  typeInQuickInput: { args: { text: string; submit: boolean }; result: null };
  quickInputMessage: { args: Record<string, never>; result: string };
  quickInputValue: { args: Record<string, never>; result: string };
  pickQuickItem: { args: { label: string }; result: null };
  pressKey: { args: { key: string }; result: null };
  clickTreeItem: {
    args: { viewTitle: string; label: string; button: 'left' | 'right' };
    result: null;
  };
  clickContextMenuItem: { args: { label: string }; result: null };
  /** The open context menu's items in order: "label", "label keybinding", "---" for a separator. */
  contextMenuItems: { args: Record<string, never>; result: string[] };
  countInWebview: { args: { selector: string }; result: number };
  webviewText: { args: { selector: string }; result: string };
  hoverInWebview: { args: { selector: string }; result: null };
  clickInWebview: {
    /** `position`: px from the element's top-left corner (default its centre). */
    args: { selector: string; button?: 'left' | 'right'; position?: { x: number; y: number } };
    result: null;
  };
  typeInWebview: { args: { selector: string; text: string }; result: null };
  evalInWebview: { args: { js: string }; result: unknown };
  screenshot: { args: { name: string }; result: string };
  workbenchText: { args: { selector: string }; result: string };
  countInWorkbench: { args: { selector: string }; result: number };
  clickInWorkbench: { args: { selector: string; hover?: string }; result: null };
  dialog: { args: Record<string, never>; result: WorkbenchDialog | null };
  clickDialogButton: { args: { label: string }; result: null };
  /** Resizes the browser window's page; answers the size it had before. */
  setViewportSize: { args: { width: number; height: number }; result: { width: number; height: number } };
  hoverText: { args: { selector: string }; result: string };
}

/** The workbench's modal dialog as the user sees it. */
export interface WorkbenchDialog {
  /** The message line (the dialog's title). */
  message: string;
  /** The text under it. */
  detail: string;
  /** Its buttons, left to right. */
  buttons: string[];
  /** The button Enter presses: the one that has the focus. */
  focused: string | undefined;
}

export type BridgeRequestName = keyof BridgeRequests;

export interface BridgeRequest<K extends BridgeRequestName = BridgeRequestName> {
  id: string;
  request: K;
  args: BridgeRequests[K]['args'];
}

export interface BridgeResponse {
  id: string;
  result?: unknown;
  /** Set when the driver could not do what was asked; the client throws it. */
  error?: string;
}

export const requestFileName = (id: string): string => `req-${id}.json`;
export const responseFileName = (id: string): string => `res-${id}.json`;
export const REQUEST_FILE = /^req-(.+)\.json$/;

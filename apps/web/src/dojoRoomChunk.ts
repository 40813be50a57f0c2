/**
 * The dojo room's code (editor, Automerge, Colyseus) is a chunk of its own,
 * loaded when a dojo opens. The lobby starts fetching it, and Automerge's
 * WASM, while people pick a dojo, so entering one does not wait for them.
 */
export const loadDojoRoom = () => import('./dojo/DojoRoomPage.tsx');

export function preloadDojoRoom(): void {
  void loadDojoRoom().catch(() => undefined);
  void import('./dojo/automerge.ts').then((m) => m.automergeReady()).catch(() => undefined);
}

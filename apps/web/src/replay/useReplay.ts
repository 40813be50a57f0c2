import { loadReplay, type ReplayAutomerge } from '@pocdojo/common/dojo-replay/replay-model';
import { useServices } from '../AppContext.tsx';
import { A, automergeReady } from '../dojo/automerge.ts';
import { useResource } from '../lib/useResource.ts';

const fromBase64 = (text: string): Uint8Array => {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
};

/** Loads a dojo's replay from dojo-engine: the document (loaded while the timeline arrives), then the index. */
export function useReplay(dojoId: string) {
  const { api, config } = useServices();
  return useResource(
    (signal) =>
      loadReplay({
        getJson: (path) => api.get(`${config.engineUrl}${path}`, { signal }),
        automerge: automergeReady().then(() => A as unknown as ReplayAutomerge),
        dojoId,
        decodeBase64: fromBase64,
      }),
    [dojoId],
  );
}

/**
 * Proximity video calls, peer to peer (WebRTC). The scene tells `sync()` who is in this avatar's
 * bubble (shared/plaza/proximity.ts `bubbleOf`, the same rule the server enforces on signaling):
 * - a new bubble partner is called — by the side with the lower avatar id, so two offers never
 *   cross; the other side answers any offer the server relayed (the server checked the bubble);
 * - a partner who left the bubble (walked away, dnd, ghost, left) is hung up: peer connection
 *   closed, tile removed, a `bye` sent (the server may refuse it once apart: the other side hangs
 *   up on its own anyway);
 * - volume fades with distance (`setVolume`).
 * Signaling goes through the room (`signal {to, data}`): offer / answer / ice / bye.
 * No STUN/TURN servers: peers on one LAN (or one machine) connect with host candidates.
 */
import { h } from "../../ui/dom.js";

type SignalData =
  | { type: "offer" | "answer"; sdp: string }
  | { type: "ice"; candidate: RTCIceCandidateInit }
  | { type: "bye" };

interface Peer {
  id: number;
  pc: RTCPeerConnection;
  tile: HTMLElement;
  video: HTMLVideoElement;
  pendingIce: RTCIceCandidateInit[];
  startedAt: number;
  step: string; // for the debug view: media → offered/answered → connected
}

export interface CallView {
  peer: number;
  state: RTCPeerConnectionState;
  step: string;
  videoWidth: number;
  volume: number;
}

const CONNECT_TIMEOUT_MS = 10_000; // a call not connected by then is hung up and dialled again

export class CallManager {
  private readonly peers = new Map<number, Peer>();
  private local: Promise<MediaStream | null> | null = null;
  private localVideo: HTMLVideoElement | null = null;
  private myId = 0;
  mediaError: string | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly send: (to: number, data: SignalData) => Promise<void>,
    private readonly nameOf: (id: number) => string,
    private readonly now: () => number,
  ) {}

  setMyId(id: number): void {
    this.myId = id;
  }

  private media(): Promise<MediaStream | null> {
    this.local ??= (async () => {
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240 } });
        this.localVideo = h("video", { class: "plaza-self", muted: true, autoplay: true, playsinline: true });
        this.localVideo.muted = true;
        this.localVideo.srcObject = stream;
        this.container.prepend(h("div", { class: "plaza-tile plaza-tile-self" }, this.localVideo, h("span", null, "you")));
        return stream;
      } catch (e) {
        this.mediaError = e instanceof Error ? e.message : String(e);
        return null; // calls still connect (data channel), without camera or microphone
      }
    })();
    return this.local;
  }

  /** Calls new bubble partners, hangs up on those who left it. */
  sync(bubble: readonly number[]): void {
    const want = new Set(bubble);
    for (const id of [...this.peers.keys()]) if (!want.has(id)) this.hangUp(id, true);
    for (const id of bubble) {
      const p = this.peers.get(id);
      // a call that never connected (offer refused while walking up, ICE failed): start over
      if (p && p.pc.connectionState !== "connected" && this.now() - p.startedAt > CONNECT_TIMEOUT_MS) this.hangUp(id, true);
      if (!this.peers.has(id) && this.myId !== 0 && this.myId < id) void this.call(id);
    }
  }

  private async peer(id: number): Promise<Peer> {
    const existing = this.peers.get(id);
    if (existing) return existing;
    const pc = new RTCPeerConnection({ iceServers: [] });
    const video = h("video", { autoplay: true, playsinline: true });
    const tile = h("div", { class: "plaza-tile", "data-peer": id }, video, h("span", null, this.nameOf(id)));
    const p: Peer = { id, pc, tile, video, pendingIce: [], startedAt: this.now(), step: "media" };
    this.peers.set(id, p);
    this.container.append(tile);
    pc.onicecandidate = (e) => {
      if (e.candidate) void this.send(id, { type: "ice", candidate: e.candidate.toJSON() }).catch(() => undefined);
    };
    pc.ontrack = (e) => {
      if (e.streams[0] && video.srcObject !== e.streams[0]) video.srcObject = e.streams[0];
    };
    pc.onconnectionstatechange = () => {
      tile.dataset.state = pc.connectionState;
      if (pc.connectionState === "failed") this.hangUp(id, true);
    };
    const stream = await this.media();
    if (this.peers.get(id) !== p) return p; // hung up meanwhile
    for (const track of stream?.getTracks() ?? []) pc.addTrack(track, stream!);
    p.step = "ready";
    return p;
  }

  private async call(id: number): Promise<void> {
    const p = await this.peer(id);
    if (this.peers.get(id) !== p) return;
    p.pc.createDataChannel("plaza");
    await p.pc.setLocalDescription(await p.pc.createOffer());
    p.step = "offering";
    await this.send(id, { type: "offer", sdp: p.pc.localDescription!.sdp }).then(() => (p.step = "offered"), () => this.hangUp(id, false));
  }

  async onSignal(from: number, data: SignalData): Promise<void> {
    if (data.type === "bye") return this.hangUp(from, false);
    if (data.type === "offer") {
      if (this.peers.get(from)?.pc.remoteDescription) this.hangUp(from, false); // a new call replaces a stale one
      const p = await this.peer(from);
      await p.pc.setRemoteDescription({ type: "offer", sdp: data.sdp });
      await this.flushIce(p);
      await p.pc.setLocalDescription(await p.pc.createAnswer());
      await this.send(from, { type: "answer", sdp: p.pc.localDescription!.sdp }).then(() => (p.step = "answered"), () => this.hangUp(from, false));
      return;
    }
    const p = this.peers.get(from);
    if (!p) return;
    if (data.type === "answer") {
      if (p.pc.signalingState !== "have-local-offer") return;
      await p.pc.setRemoteDescription({ type: "answer", sdp: data.sdp });
      p.step = "answer received";
      await this.flushIce(p);
    } else if (data.type === "ice") {
      if (p.pc.remoteDescription) await p.pc.addIceCandidate(data.candidate).catch(() => undefined);
      else p.pendingIce.push(data.candidate);
    }
  }

  private async flushIce(p: Peer): Promise<void> {
    for (const c of p.pendingIce.splice(0)) await p.pc.addIceCandidate(c).catch(() => undefined);
  }

  hangUp(id: number, sayBye: boolean): void {
    const p = this.peers.get(id);
    if (!p) return;
    this.peers.delete(id);
    p.pc.close();
    p.video.srcObject = null;
    p.tile.remove();
    if (sayBye) void this.send(id, { type: "bye" }).catch(() => undefined);
  }

  /** 0..1 by distance (1 when close, 0 at the edge of the near radius). */
  setVolume(id: number, volume: number): void {
    const p = this.peers.get(id);
    if (p) p.video.volume = Math.max(0, Math.min(1, volume));
  }

  view(): CallView[] {
    return [...this.peers.values()].map((p) => ({ peer: p.id, state: p.pc.connectionState, step: p.step, videoWidth: p.video.videoWidth, volume: p.video.volume }));
  }

  close(): void {
    for (const id of [...this.peers.keys()]) this.hangUp(id, false);
    void this.local?.then((s) => s?.getTracks().forEach((t) => t.stop()));
    this.local = null;
  }
}

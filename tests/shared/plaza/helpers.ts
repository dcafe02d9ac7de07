/** A small hand-made Tiled map for the plaza's pure tests: 10×8 tiles of 10 px. */
export function tinyMap(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const W = 10, H = 8;
  const ground = new Array(W * H).fill(1);
  const walls = new Array(W * H).fill(0);
  walls[3 * W + 5] = 2; // one impassable tile at (5, 3)
  return {
    orientation: "orthogonal",
    infinite: false,
    width: W,
    height: H,
    tilewidth: 10,
    tileheight: 10,
    properties: [
      { name: "nearRadius", type: "float", value: 2 },
      { name: "viewRadius", type: "float", value: 4 },
      { name: "maxSpeed", type: "float", value: 5 },
    ],
    tilesets: [{ firstgid: 1, tiles: [
      { id: 0, type: "floor", properties: [{ name: "color", type: "color", value: "#ff112233" }] },
      { id: 1, type: "wall", properties: [{ name: "collides", type: "bool", value: true }] },
    ] }],
    layers: [
      { type: "tilelayer", name: "ground", width: W, height: H, data: ground },
      { type: "tilelayer", name: "objects", width: W, height: H, data: walls },
      { type: "objectgroup", name: "spawns", objects: [{ id: 1, x: 15, y: 15, point: true }] },
      { type: "objectgroup", name: "areas", objects: [
        { id: 7, name: "Room", x: 60, y: 0, width: 40, height: 30, properties: [{ name: "private", type: "bool", value: true }] },
        { id: 8, name: "Hall", x: 0, y: 50, width: 40, height: 30 },
      ] },
    ],
    ...overrides,
  };
}

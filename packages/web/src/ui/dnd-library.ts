// The drag-and-drop library (Atlassian's Pragmatic drag and drop), in a chunk of its own: it is the
// largest part of the code a board needs, and nothing can be dragged before the board is on screen,
// so ui/dnd.ts loads it after the first frame instead of making every first paint wait for it.
export {
  draggable,
  dropTargetForElements,
  monitorForElements,
} from "@atlaskit/pragmatic-drag-and-drop/adapter/element-adapter";
export { combine } from "@atlaskit/pragmatic-drag-and-drop/combine";

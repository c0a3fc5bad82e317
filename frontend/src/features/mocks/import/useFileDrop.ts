import { useState, type DragEvent } from 'react';

const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

/**
 * Drag-and-drop of one file onto an element: spread `handlers` on it.
 * Other drags (text, links) are left to the browser.
 */
export function useFileDrop(onFile: (file: File) => void) {
  // dragenter/dragleave fire for every child crossed: count them.
  const [depth, setDepth] = useState(0);
  const handlers = {
    onDragEnter: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      setDepth((d) => d + 1);
    },
    onDragOver: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      setDepth((d) => Math.max(0, d - 1));
    },
    onDrop: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      setDepth(0);
      const file = e.dataTransfer.files[0];
      if (file) onFile(file);
    },
  };
  return { dragging: depth > 0, handlers };
}

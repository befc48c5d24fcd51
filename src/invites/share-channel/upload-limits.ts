// How large an uploaded invitee list may be: 100 invitees with names fit in a few kilobytes, so a
// megabyte is any real list's size with room to spare, and small enough to read in one go.
export const MAX_CSV_BYTES = 1024 * 1024;

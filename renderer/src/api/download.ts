/**
 * Saves a file received from the API (base64). In Electron the main process shows a save dialog and
 * writes it; in the browser the file goes to the downloads folder. Resolves to where it went (a path
 * in Electron, the file name in the browser), or null when the user cancels the dialog.
 */
export async function saveBase64File(fileName: string, base64: string, mimeType = 'application/octet-stream'): Promise<string | null> {
  if (window.ixl) return window.ixl.saveFile(fileName, base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // the browser reads the blob asynchronously after the click
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return fileName;
}

/** The Documents section of a customer's archive, for the customer archive screen to mount. */
export { DocumentsSection } from './DocumentsSection';
export { formatSize } from './DocumentsTable';
export { FilePreview, type PreviewTarget } from './FilePreview';
/** Adding files from other features (visit reports…): upload, dialog, thumbnails. */
export {
  drawThumbnail,
  FileError,
  makeThumbnail,
  pickFiles,
  readBlob,
  storeThumbnail,
  thumbnailUrl,
  uploadBlob,
} from './files';
export {
  addAttachmentDocs,
  collectAttachmentGarbage,
  groupByKind,
  type RecordRef,
} from './documents.data';
export { useDocuments } from './useDocuments';

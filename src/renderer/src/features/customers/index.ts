export { StatusListPage } from './list/StatusListPage';
export { ArchivePage } from './archive/ArchivePage';
export { archiveSections, type ArchiveSection, type ArchiveSectionProps } from './archive/sections';
export { CustomerFormPage } from './form/CustomerFormPage';
export { catalogFor, CustomerCatalog } from './catalog';
export { useCatalog, useCustomer, useStaff } from './hooks';
export { findDuplicates, type DuplicateCandidate } from './duplicates';
export { allocateCustomerCodes } from './codes';
export { changeArchiveStatus, createCustomer, updateCustomer } from './mutations';

/** Print preview (save as PDF, print) for any form, and the buttons for this forms. */
export { usePrintJob } from './usePrintJob';
export { PrintCatalogButton, PrintCustomerSheetButton, PrintLabelsButton } from './PrintButtons';
export { PrintSettingsForm } from './PrintSettingsForm';
/** For the customer archive's sections and the settings page. */
export { CustomerPrintActions } from './CustomerPrintActions';
export { CatalogPrintPanel } from './CatalogPrintPanel';
export { catalogPrintData, customerSheetPrintData, labelPrintData } from './print-data';

export { Checkbox, Checkboxes, type CheckboxesProps } from "./checkboxes";
export type { ChoiceOption } from "./choice";
export { DateInput, type DateParts } from "./date-input";
export { describedBy, ErrorMessage, FormGroup, Hint, Label, Legend } from "./form-group";
export { Radios, type RadiosProps } from "./radios";
export { Select, type SelectOption, type SelectProps } from "./select";
export { TextInput, type InputWidth, type TextInputProps } from "./text-input";
export { Textarea, type TextareaProps } from "./textarea";

import { Alert, AlertDescription } from "./alert";

/** A refusal that belongs to no one field (the form as a whole), above the form; nothing when there is none. */
export function FormError({ message, id }: { message: string | null | undefined; id?: string }) {
  if (!message) return null;
  return (
    <Alert variant="destructive" id={id} role="alert">
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}

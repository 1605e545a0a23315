import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { Button } from '@material-ui/core';
import { useState } from 'react';
import { DownloadedFile } from '../../api';
import { errorMessage } from '../../hooks/useProvisioning';
import { saveFile } from './saveFile';

/**
 * A button that fetches a file from the backend in the user's name and
 * saves it; a failure is said in the backend's words.
 */
export function DownloadButton(props: {
  label: string;
  /** What the file is, for the failure's message: "the contract of orders". */
  what: string;
  load: () => Promise<DownloadedFile>;
}) {
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      saveFile(await props.load());
    } catch (error) {
      alertApi.post({
        severity: 'error',
        message: `Could not download ${props.what}: ${errorMessage(
          error as Error,
        )}`,
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="outlined"
      color="primary"
      size="small"
      disabled={busy}
      onClick={download}
    >
      {props.label}
    </Button>
  );
}

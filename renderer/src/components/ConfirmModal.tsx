import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ReactNode } from 'react';

/** A yes/no question that names what will change; Cancel and closing send nothing. */
export function ConfirmModal(props: {
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <Modal
      visible
      header={props.title}
      onDismiss={props.onCancel}
      data-testid="confirm-modal"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={props.onCancel} data-testid="confirm-cancel">
              Cancel
            </Button>
            <Button variant="primary" onClick={props.onConfirm} data-testid="confirm-ok">
              {props.confirmLabel}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      {props.children}
    </Modal>
  );
}

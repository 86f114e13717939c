import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ProfileList } from '../../../../contract/api';
import { CopyableText } from '../../components/CopyButton';

/** No profiles at all: where the app looked and how to add one. */
export function EmptyProfiles({ profiles }: { profiles: ProfileList }) {
  return (
    <Container header={<Header variant="h2">No AWS profiles found</Header>} data-testid="empty-profiles">
      <SpaceBetween size="s">
        <Box>The app looked for profiles in:</Box>
        <ul>
          <li>
            Config file: <code>{profiles.configFile}</code>
          </li>
          <li>
            Credentials file: <code>{profiles.credentialsFile}</code>
          </li>
        </ul>
        <Box>Add a profile with access keys or with IAM Identity Center (SSO), then refresh:</Box>
        <CopyableText text="aws configure" label="Copy aws configure" />
        <CopyableText text="aws configure sso" label="Copy aws configure sso" />
        <Box>Or try the app with demo accounts:</Box>
        <CopyableText text="npm run demo" label="Copy npm run demo" />
      </SpaceBetween>
    </Container>
  );
}

import AttributeEditor from '@cloudscape-design/components/attribute-editor';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Multiselect from '@cloudscape-design/components/multiselect';
import RadioGroup from '@cloudscape-design/components/radio-group';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { serviceLabel, serviceNoun, useServices } from '../../data/services';
import type { DraftErrors, SettingsDraft } from './draft';
import { RecheckRegions } from './RecheckRegions';
import { RegionPicker } from './RegionPicker';

/** The services read (once there is more than one), default regions, regions per profile and hidden profiles. */
export function RegionsSection(props: {
  draft: SettingsDraft;
  errors: DraftErrors;
  profileNames: string[];
  update(patch: Partial<SettingsDraft>): void;
}) {
  const { draft, errors, update } = props;
  const services = useServices();
  // "where Security Hub exists" while the app reads one service, "where each service exists" after.
  const where = services.length === 1 ? serviceNoun(services, services[0]?.id ?? '') : 'each service';
  const setEntry = (index: number, patch: Partial<SettingsDraft['profileRegions'][number]>) =>
    update({ profileRegions: draft.profileRegions.map((e, i) => (i === index ? { ...e, ...patch } : e)) });
  return (
    <Container header={<Header variant="h2">Regions and profiles</Header>}>
      <SpaceBetween size="m">
        {services.length > 1 && (
          <FormField label="Services" description="Read for every profile and region." errorText={errors.services}>
            <SpaceBetween size="s">
              <RadioGroup
                value={draft.serviceMode}
                onChange={({ detail }) => update({ serviceMode: detail.value === 'list' ? 'list' : 'all' })}
                ariaLabel="Services to read"
                items={[
                  { value: 'all', label: 'Every service', description: 'Services the app adds later are read too.' },
                  { value: 'list', label: 'These services' },
                ]}
              />
              {draft.serviceMode === 'list' && (
                <Multiselect
                  selectedOptions={draft.services.map((id) => ({ value: id, label: serviceLabel(services, id) }))}
                  options={services.map((s) => ({ value: s.id, label: s.name }))}
                  onChange={({ detail }) => update({ services: detail.selectedOptions.map((o) => o.value ?? '') })}
                  placeholder="Choose services"
                />
              )}
            </SpaceBetween>
          </FormField>
        )}
        <FormField
          label="Default regions"
          description="Read for every profile without its own regions; each profile's own region is always added."
          errorText={errors.defaultRegions}
        >
          <SpaceBetween size="s">
            <RadioGroup
              value={draft.defaultRegionMode}
              onChange={({ detail }) => update({ defaultRegionMode: detail.value === 'list' ? 'list' : 'all' })}
              ariaLabel="Default regions"
              items={[
                {
                  value: 'all',
                  label: 'Every region',
                  description: `Every region of the profile’s partition where ${where} exists, regions added later too. Opt-in regions the account has not enabled, and regions where an organization policy blocks ${where}, are asked once a day.`,
                },
                { value: 'list', label: 'These regions' },
              ]}
            />
            {draft.defaultRegionMode === 'list' && (
              <RegionPicker
                value={draft.defaultRegions}
                onChange={(defaultRegions) => update({ defaultRegions })}
                label="Default regions"
                namedByField
              />
            )}
            <RecheckRegions />
          </SpaceBetween>
        </FormField>
        <FormField
          label="Regions per profile"
          description="Replace the default regions for a profile."
          errorText={errors.profileRegions}
        >
          <AttributeEditor
            items={draft.profileRegions}
            addButtonText="Add a profile"
            removeButtonText="Remove"
            empty={<span data-testid="profile-regions-empty">Every profile uses the default regions.</span>}
            onAddButtonClick={() => update({ profileRegions: [...draft.profileRegions, { profile: '', regions: [] }] })}
            onRemoveButtonClick={({ detail }) =>
              update({ profileRegions: draft.profileRegions.filter((_, i) => i !== detail.itemIndex) })
            }
            definition={[
              {
                label: 'Profile',
                control: (item, index) => (
                  <Select
                    selectedOption={item.profile ? { value: item.profile, label: item.profile } : null}
                    options={props.profileNames.map((n) => ({ value: n, label: n }))}
                    onChange={({ detail }) => setEntry(index, { profile: detail.selectedOption.value ?? '' })}
                    placeholder="Choose a profile"
                    filteringType="auto"
                  />
                ),
              },
              {
                label: 'Regions',
                control: (item, index) => (
                  <RegionPicker
                    value={item.regions}
                    label={`Regions of ${item.profile || 'this profile'}`}
                    onChange={(regions) => setEntry(index, { regions })}
                  />
                ),
              },
            ]}
          />
        </FormField>
        <FormField label="Hidden profiles" description="Not read and not shown.">
          <Multiselect
            selectedOptions={draft.hiddenProfiles.map((n) => ({ value: n, label: n }))}
            options={[...new Set([...props.profileNames, ...draft.hiddenProfiles])].map((n) => ({
              value: n,
              label: n,
            }))}
            onChange={({ detail }) => update({ hiddenProfiles: detail.selectedOptions.map((o) => o.value ?? '') })}
            placeholder="Choose profiles to hide"
            filteringType="auto"
          />
        </FormField>
      </SpaceBetween>
    </Container>
  );
}

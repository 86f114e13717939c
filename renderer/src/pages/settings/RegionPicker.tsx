import Button from '@cloudscape-design/components/button';
import Input from '@cloudscape-design/components/input';
import Multiselect from '@cloudscape-design/components/multiselect';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { COMMERCIAL_REGIONS, REGION_PATTERN } from '../../lib/regions';

/** The commercial regions to pick from, plus any other region typed in and checked. */
export function RegionPicker(props: {
  value: string[];
  onChange(regions: string[]): void;
  label: string;
  /** A FormField of the same label already names the picker: a second label would be read twice. */
  namedByField?: boolean;
}) {
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);
  const all = [...new Set([...COMMERCIAL_REGIONS, ...props.value])];
  const add = () => {
    const region = typed.trim();
    if (!REGION_PATTERN.test(region)) {
      setTypedError(`${region || 'That'} is not a region name such as us-east-1.`);
      return;
    }
    setTypedError(null);
    setTyped('');
    if (!props.value.includes(region)) props.onChange([...props.value, region]);
  };
  return (
    <SpaceBetween size="xs">
      <Multiselect
        selectedOptions={props.value.map((r) => ({ value: r, label: r }))}
        options={all.map((r) => ({ value: r, label: r }))}
        onChange={({ detail }) => props.onChange(detail.selectedOptions.map((o) => o.value ?? '').filter(Boolean))}
        filteringType="auto"
        placeholder="Choose regions"
        ariaLabel={props.namedByField ? undefined : props.label}
        tokenLimit={8}
      />
      <SpaceBetween direction="horizontal" size="xs">
        <Input
          value={typed}
          onChange={({ detail }) => setTyped(detail.value)}
          onKeyDown={({ detail }) => {
            if (detail.key === 'Enter') add();
          }}
          placeholder="Another region, e.g. us-gov-west-1"
          ariaLabel={`Add a region to ${props.label}`}
          invalid={Boolean(typedError)}
        />
        <Button onClick={add}>Add region</Button>
      </SpaceBetween>
      {typedError && <span role="alert">{typedError}</span>}
    </SpaceBetween>
  );
}
